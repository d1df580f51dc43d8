-- GET /web/geocode.json: at most eight addresses of the gazetteer like
-- the normalised text a person typed, the best first: a whole word or
-- the start of one of the label (word similarity, pg_trgm's <%), or the
-- label as a whole with a typo or two (similarity, %). Both operators
-- use the trigram index addresses_trgm; statement_timeout_public_ms
-- bounds it.
-- Params: $1 normalised text
-- Result: label, lat, long, jurisdiction id (NULL when none)
-- Columns: label, lat, long, jurisdiction_id
-- Replica: yes
SELECT label,
    round(ST_Y(geom)::numeric, 6)::text,
    round(ST_X(geom)::numeric, 6)::text,
    jurisdiction_id
FROM addresses
WHERE $1 <% normalised OR $1 % normalised
ORDER BY word_similarity($1, normalised) DESC,
    similarity($1, normalised) DESC, label COLLATE "C", id
LIMIT 8
