CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL,
	`license_number` text NOT NULL,
	`license_norm` text NOT NULL,
	`status` text NOT NULL,
	`valid_until` text,
	`address` text,
	`city` text,
	`province` text,
	`source` text,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_license_norm_idx` ON `agencies` (`license_norm`);--> statement-breakpoint
CREATE INDEX `agencies_name_norm_idx` ON `agencies` (`name_norm`);--> statement-breakpoint
CREATE TABLE `alert_messages` (
	`channel` text NOT NULL,
	`chat_id` text NOT NULL,
	`message_id` text NOT NULL,
	`tip_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tip_id`) REFERENCES `tips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_messages_uq` ON `alert_messages` (`channel`,`chat_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `alert_messages_tip_idx` ON `alert_messages` (`tip_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`officer_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_idx` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`tip_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_tip_idx` ON `audit_log` (`tip_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`pseudonym` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address_enc` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`pseudonym` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`state` text NOT NULL,
	`locale` text NOT NULL,
	`rev` integer DEFAULT 0 NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_updated_idx` ON `conversations` (`updated_at`);--> statement-breakpoint
CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`tip_id` text,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tip_id`) REFERENCES `tips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_tip_idx` ON `media` (`tip_id`);--> statement-breakpoint
CREATE INDEX `media_sha_idx` ON `media` (`sha256`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `officers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`telegram_user_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`delivered_at` integer,
	`platform_message_id` text,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_idx` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `processed_updates` (
	`channel` text NOT NULL,
	`platform_id` text NOT NULL,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `processed_updates_uq` ON `processed_updates` (`channel`,`platform_id`);--> statement-breakpoint
CREATE INDEX `processed_updates_at_idx` ON `processed_updates` (`processed_at`);--> statement-breakpoint
CREATE TABLE `receipt_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pseudonym` text NOT NULL,
	`at` integer NOT NULL,
	`ok` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `receipt_attempts_idx` ON `receipt_attempts` (`pseudonym`,`at`);--> statement-breakpoint
CREATE TABLE `tip_links` (
	`tip_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`tip_id`) REFERENCES `tips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tip_links_uq` ON `tip_links` (`tip_id`,`kind`,`value`);--> statement-breakpoint
CREATE INDEX `tip_links_value_idx` ON `tip_links` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `tip_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tip_id` text NOT NULL,
	`direction` text NOT NULL,
	`author` text,
	`text` text,
	`delivered` integer DEFAULT false NOT NULL,
	`seen_by_reporter` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tip_id`) REFERENCES `tips`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tip_messages_tip_idx` ON `tip_messages` (`tip_id`,`id`);--> statement-breakpoint
CREATE TABLE `tips` (
	`id` text PRIMARY KEY NOT NULL,
	`receipt_hash` text NOT NULL,
	`pseudonym` text,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`category` text,
	`regency` text,
	`destination` text,
	`recruiter` text,
	`description` text,
	`answers` text NOT NULL,
	`urgency` text NOT NULL,
	`urgency_score` integer NOT NULL,
	`urgency_reasons` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`complete` integer NOT NULL,
	`may_contact` integer DEFAULT false NOT NULL,
	`claimed_by` text,
	`referral` text,
	`redacted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tips_receipt_hash_idx` ON `tips` (`receipt_hash`);--> statement-breakpoint
CREATE INDEX `tips_created_idx` ON `tips` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tips_status_idx` ON `tips` (`status`);--> statement-breakpoint
CREATE INDEX `tips_urgency_idx` ON `tips` (`urgency`);--> statement-breakpoint
CREATE TABLE `wa_auth` (
	`category` text NOT NULL,
	`id` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wa_auth_uq` ON `wa_auth` (`category`,`id`);