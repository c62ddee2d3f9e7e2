import type { FormNode } from './model.ts';

/** A message to show beside a field: a rule's finding, or the notice shape's own complaint. */
export interface ShownFinding {
  rule?: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
  source?: { law: string; section: string; url: string };
}

/** Every place a message can be shown: each control, group and list (and each list row's controls). */
export function boxPointers(nodes: readonly FormNode[]): string[] {
  return nodes.flatMap((n) => [n.pointer, ...(n.node === 'group' ? boxPointers(n.children) : n.node === 'list' ? n.rows.flatMap((row) => boxPointers(row)) : [])]);
}

/**
 * Findings by the place they are shown: the deepest box whose pointer is the finding's path or a
 * parent of it; '' (the form's top) for the rest. The browser script places them by the same rule.
 */
export function placeFindings(findings: readonly ShownFinding[], boxes: readonly string[]): Map<string, ShownFinding[]> {
  const placed = new Map<string, ShownFinding[]>();
  for (const finding of findings) {
    let best = '';
    for (const box of boxes) {
      if ((finding.path === box || finding.path.startsWith(`${box}/`)) && box.length > best.length) best = box;
    }
    placed.set(best, [...(placed.get(best) ?? []), finding]);
  }
  return placed;
}
