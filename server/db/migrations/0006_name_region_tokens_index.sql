DROP INDEX "entities_name_bigram";--> statement-breakpoint
CREATE INDEX "entities_name_region_tokens" ON "entities" USING gin (wj_name_region_tokens("name", "region_code"));