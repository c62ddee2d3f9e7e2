import type { NoticeType } from '../../../notices/types.ts';
import type { Employment, PlanStage } from '../facts.ts';

/** The words a page puts around the user's text, in one language. Values of the rule files' enums are translated too. */
export interface Labels {
  typeNames: Record<NoticeType, string>;
  /** Index page heading and the feeds' title after the municipality's name. */
  notices: string;
  noCurrentNotices: string;
  subscribe: { atom: string; calendar: string; json: string };
  published: string;
  keyFacts: string;
  attachments: string;
  /** The header link from a notice page back to the index. */
  allNotices: string;
  withdrawn: { heading: string; on: string };
  fields: {
    position: string;
    employer: string;
    workplace: string;
    extent: string;
    positions: string;
    salary: string;
    startDate: string;
    applicationDeadline: string;
    apply: string;
    reference: string;
    contact: string;
    plan: string;
    planId: string;
    stage: string;
    caseNumber: string;
    proposer: string;
    hearingPeriod: string;
    commentsTo: string;
    planDocuments: string;
    physicalCopy: string;
    decisionDate: string;
    decidedBy: string;
    appealDeadline: string;
    organ: string;
    time: string;
    place: string;
    stream: string;
    agenda: string;
    closedItem: string;
    documents: string;
    organiser: string;
    price: string;
    registration: string;
    accessibility: string;
    interpreter: string;
    validUntil: string;
    moreInfo: string;
  };
  employment: Record<Employment, string>;
  stages: Record<PlanStage, string>;
}
