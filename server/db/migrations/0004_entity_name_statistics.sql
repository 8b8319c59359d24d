-- Substring searches ('%快捷酒店%') are estimated from the histogram of entities.name. With the default 100
-- entries the planner was off by up to 40× on 1,000,000 entities (361 estimated, 14,502 real) and sorted
-- thousands of rows instead of walking the updated_at index; 300 entries bring it within about 4×
-- (1,000 would be closer still but makes ANALYZE on PGlite take ~20 s).
ALTER TABLE "entities" ALTER COLUMN "name" SET STATISTICS 300;
