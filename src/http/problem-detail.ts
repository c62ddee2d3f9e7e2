/** RFC 9457 problem details, with Herald's list of rule failures. */
export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemItem[];
}

/** One failure: the rule broken, where, why, and the law behind it when there is one. */
export interface ProblemItem {
  rule: string;
  path: string;
  message: string;
  source?: { law: string; section: string; url: string };
}
