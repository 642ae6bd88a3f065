/**
 * The audit trail for the officers' room: the log itself lives in storage (`storage/audit-log.ts`)
 * so every room that changes a case (tips, alerts, routing) can write it without importing officers.
 */
export { type AuditEntry, recordAudit } from '../storage/audit-log.js';
