/** The proof of publication (PDF/A-2b) of one notice. */
export { proofRecords, sealCovering, type ProofRecord, type ProofSeal } from './proof-facts.ts';
export { renderProof, type ProofCheck, type ProofInput } from './proof-pdf.ts';
