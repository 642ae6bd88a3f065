CREATE TABLE `taskforce_routes` (
	`regency` text PRIMARY KEY NOT NULL,
	`telegram_chat_id` text NOT NULL,
	`officer_ids` text NOT NULL,
	`whatsapp_jid` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `regencies` text;