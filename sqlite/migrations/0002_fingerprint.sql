-- The near-duplicate fingerprint of each article (dedup.Fingerprint, binary).
ALTER TABLE articles ADD COLUMN fingerprint BLOB;
