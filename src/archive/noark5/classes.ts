import { NOTICE_TYPES } from '../../notices/types.ts';

/**
 * The classification system (one level, by notice type): the whole system goes into every
 * extraction, used or not. HERALD holds what belongs to no notice (daily seals, batch manifests).
 */
export const CLASSES: readonly { key: string; klasseID: string; title: string }[] = [
  ...NOTICE_TYPES.map((type) => ({
    key: type,
    klasseID: { vacancy: 'STILLING', plan: 'PLAN', meeting: 'MOTE', event: 'ARRANGEMENT', announcement: 'KUNNGJORING' }[type],
    title: { vacancy: 'Stillingsutlysninger', plan: 'Plansaker', meeting: 'Møtekunngjøringer', event: 'Arrangementer', announcement: 'Kunngjøringer' }[type],
  })),
  { key: 'herald', klasseID: 'HERALD', title: 'Publiseringsløsningens egne poster: daglige forseglinger og leveranser' },
];

export function classOf(type: string): { key: string; klasseID: string; title: string } {
  const found = CLASSES.find((c) => c.key === type);
  if (!found) throw new Error(`no class for notice type ${type}`);
  return found;
}
