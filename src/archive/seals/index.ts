/** Daily signed seals of each tenant's chain head (Ed25519), and their check. */
export { checkSeals, type SealCheck } from './check-seals.ts';
export { dailySealSchedules, DAILY_SEAL_JOB, runDailySeals, type DailySealSchedule } from './daily-seal-job.ts';
export { dayEnded, sealDay, sealDays, type SealedDay, type SealTenant } from './daily-seal.ts';
export { DEV_SEAL_KEY, devSealKey, keyIdOf, sealKeyFrom, signBytes, verifySignature, type SealKey } from './seal-key.ts';
export { parseSealDocument, statementBytes, type SealDocument, type SealStatement } from './statement.ts';
