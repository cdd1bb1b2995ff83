-- Files whose record was erased (UU PDP Pasal 8 and 43: erasure of a person's data) and
-- whose bytes are still to be removed from the disk. A row is written in the same
-- transaction that deletes the stored_file record, so it exists only when the erasure
-- committed; FileStore.purgeErased removes the bytes afterwards and then the row.
-- A rolled-back erasure leaves no row, and the bytes stay.
CREATE TABLE file_erasure (
  file_id      uuid PRIMARY KEY,
  requested_at timestamptz NOT NULL,
  requested_by uuid
);
