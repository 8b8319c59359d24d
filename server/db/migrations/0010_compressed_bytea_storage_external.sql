-- Gzipped snapshots and uploaded files (photos, office documents) are compressed already. With the default
-- storage (EXTENDED) PostgreSQL tries to compress them once more with pglz before giving up, which for a
-- 35 MB draw snapshot costs about a second; EXTERNAL stores them out of line without that attempt.
ALTER TABLE "draw_snapshots" ALTER COLUMN "frozen_gz" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "draw_snapshots" ALTER COLUMN "bundle_gz" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "content" SET STORAGE EXTERNAL;
