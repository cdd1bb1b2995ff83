-- Material a unit publishes to everyone in its area (IPSM training library, board
-- minutes, issue 4 §6): readable by whoever holds the read permission anywhere inside
-- the area (a PSM of one village reads the kab/kota library), not only over all of it.
ALTER TABLE stored_file ADD COLUMN shared_with_area boolean NOT NULL DEFAULT false;
