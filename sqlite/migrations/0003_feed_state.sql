-- Feed polling state: the keys of the items already taken and the last success.
ALTER TABLE feeds ADD COLUMN seen TEXT NOT NULL DEFAULT '[]';
ALTER TABLE feeds ADD COLUMN last_success TEXT NOT NULL DEFAULT '';
