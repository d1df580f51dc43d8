-- 0001: jurisdictions and their service catalogs.
--
-- Applied by `open311d migrate` in one transaction. PostGIS must be
-- available; on a database where the application role may not create
-- extensions, create it once as a superuser first.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE jurisdictions (
	id		text PRIMARY KEY
			    CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
	name		text NOT NULL,
	-- Boundary in WGS 84; NULL means "serves everywhere" (single city).
	boundary	geography(MultiPolygon, 4326),
	-- Local projected CRS (EPSG code) for x/y and metric grids.
	srid		integer NOT NULL DEFAULT 4326,
	time_zone	text NOT NULL DEFAULT 'UTC',
	contact		text NOT NULL DEFAULT '',
	key_service	text NOT NULL DEFAULT '',
	catalog_changed	timestamptz NOT NULL DEFAULT now(),
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX jurisdictions_boundary_gist ON jurisdictions
    USING gist (boundary);

CREATE TABLE services (
	jurisdiction_id	text NOT NULL REFERENCES jurisdictions(id)
			    ON DELETE CASCADE,
	code		text NOT NULL,
	name		text NOT NULL,
	description	text NOT NULL,
	group_name	text NOT NULL DEFAULT '',
	keywords	text NOT NULL DEFAULT '',
	type		text NOT NULL DEFAULT 'realtime'
			    CHECK (type IN ('realtime', 'batch', 'blackbox')),
	agency		text NOT NULL DEFAULT '',
	service_notice	text NOT NULL DEFAULT '',
	sla_hours	integer CHECK (sla_hours > 0),
	dup_radius_m	integer NOT NULL DEFAULT 50
			    CHECK (dup_radius_m BETWEEN 1 AND 5000),
	dup_window_h	integer NOT NULL DEFAULT 720
			    CHECK (dup_window_h BETWEEN 1 AND 8760),
	dup_mode	text NOT NULL DEFAULT 'link'
			    CHECK (dup_mode IN ('link', 'off')),
	dup_group	text,
	-- Services dropped from a later import stay for existing requests.
	active		boolean NOT NULL DEFAULT true,
	position	integer NOT NULL DEFAULT 0,
	PRIMARY KEY (jurisdiction_id, code)
);

CREATE TABLE service_attributes (
	jurisdiction_id	text NOT NULL,
	service_code	text NOT NULL,
	code		text NOT NULL,
	variable	boolean NOT NULL DEFAULT true,
	datatype	text NOT NULL CHECK (datatype IN ('string', 'number',
			    'datetime', 'text', 'singlevaluelist',
			    'multivaluelist')),
	required	boolean NOT NULL DEFAULT false,
	datatype_description text NOT NULL DEFAULT '',
	ord		integer NOT NULL CHECK (ord >= 1),
	description	text NOT NULL,
	PRIMARY KEY (jurisdiction_id, service_code, code),
	UNIQUE (jurisdiction_id, service_code, ord),
	FOREIGN KEY (jurisdiction_id, service_code)
	    REFERENCES services ON DELETE CASCADE
);

CREATE TABLE service_attribute_values (
	jurisdiction_id	text NOT NULL,
	service_code	text NOT NULL,
	attribute_code	text NOT NULL,
	key		text NOT NULL,
	name		text NOT NULL,
	position	integer NOT NULL,
	PRIMARY KEY (jurisdiction_id, service_code, attribute_code, key),
	FOREIGN KEY (jurisdiction_id, service_code, attribute_code)
	    REFERENCES service_attributes ON DELETE CASCADE
);

-- Versions of what workers cache ('catalog', later 'keys'): bumped by
-- every change, polled by every worker, which reloads on a difference.
CREATE TABLE cache_versions (
	name		text PRIMARY KEY,
	version		bigint NOT NULL DEFAULT 1,
	changed_at	timestamptz NOT NULL DEFAULT now()
);

INSERT INTO cache_versions (name) VALUES ('catalog');
