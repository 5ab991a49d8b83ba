-- Archives an upload is publishing but no version references yet (issue 22): garbage collection leaves their keys
-- alone. The upload inserts its row before it writes to the store and deletes it in the transaction that inserts
-- the version; a row older than the collection's grace period is a crashed upload's and is removed with it.
-- (Versioned 6.22 so that it cannot collide with a V6 of a parallel change.)
CREATE TABLE pending_archive (
    id          uuid        PRIMARY KEY,
    archive_key text        NOT NULL,
    since       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pending_archive_key ON pending_archive (archive_key);
CREATE INDEX model_version_artifact_key ON model_version (artifact_key);
