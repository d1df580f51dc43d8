-- 0012: the address gazetteer: street addresses with their points, loaded
-- offline by `open311d addresses import` (no outside geocoder is ever
-- called), searched by GET /web/geocode.json as a person types on
-- /report. normalised is the search key, written by the import with the
-- same normaliser the duplicate check uses (geo_address_normalize());
-- the trigram index serves fuzzy, word and prefix search (pg_trgm's %
-- and <% operators).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE addresses (
	id		bigserial PRIMARY KEY,
	jurisdiction_id	text REFERENCES jurisdictions (id)
			    ON DELETE SET NULL,
	label		text NOT NULL,
	normalised	text NOT NULL UNIQUE,
	geom		geometry(Point, 4326) NOT NULL
);

CREATE INDEX addresses_trgm ON addresses USING gin (normalised gin_trgm_ops);
