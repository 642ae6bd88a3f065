CREATE TABLE `adcheck_sightings` (
	`hash` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL
);
