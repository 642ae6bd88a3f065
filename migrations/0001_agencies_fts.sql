-- Trigram full-text index over the normalised agency name and licence number, kept in sync by
-- triggers. External-content table: the text lives once, in `agencies`.
CREATE VIRTUAL TABLE `agencies_fts` USING fts5(name_norm, license_norm, content='agencies', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `agencies_ai` AFTER INSERT ON `agencies` BEGIN
  INSERT INTO agencies_fts(rowid, name_norm, license_norm) VALUES (new.id, new.name_norm, new.license_norm);
END;
--> statement-breakpoint
CREATE TRIGGER `agencies_ad` AFTER DELETE ON `agencies` BEGIN
  INSERT INTO agencies_fts(agencies_fts, rowid, name_norm, license_norm) VALUES ('delete', old.id, old.name_norm, old.license_norm);
END;
--> statement-breakpoint
CREATE TRIGGER `agencies_au` AFTER UPDATE ON `agencies` BEGIN
  INSERT INTO agencies_fts(agencies_fts, rowid, name_norm, license_norm) VALUES ('delete', old.id, old.name_norm, old.license_norm);
  INSERT INTO agencies_fts(rowid, name_norm, license_norm) VALUES (new.id, new.name_norm, new.license_norm);
END;
