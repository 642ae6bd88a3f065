/**
 * The outbox lives in storage (`storage/outbox.ts`): alerts deliver through it, and the tips room
 * queues relays and erasure work in it without importing alerts. Re-exported for the alerts room.
 */
export * from '../storage/outbox.js';
