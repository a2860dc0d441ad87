-- Feed polling state: the keys of the items already taken (newest first) and the last
-- successful poll (as sqlite/migrations/0003_feed_state.sql).
ALTER TABLE feeds ADD COLUMN seen TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE feeds ADD COLUMN last_success TIMESTAMPTZ;
