/** The Noark 5 v5.0 extraction of a closed period (README, "Archive"). */
export type { DocumentFormat } from './context.ts';
export { EmptyPeriod, exportExtraction, type ExportRequest, type ExportSummary } from './export.ts';
export { exportPeriod, type ExportPeriod } from './period.ts';
export { validateExtraction, type ValidationProblem } from './validate.ts';
