ALTER TABLE `tips` ADD `erasure_requested_at` integer;--> statement-breakpoint
ALTER TABLE `tips` ADD `hold` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `wa_auth` ADD `last_used_at` integer;--> statement-breakpoint
CREATE INDEX `wa_auth_used_idx` ON `wa_auth` (`category`,`last_used_at`);