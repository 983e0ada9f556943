// The first version of the graph: people and an index on their id.
CREATE INDEX FOR (p:MPerson) ON (p.id);
CREATE (:MPerson {id: 1, name: 'Ada Lovelace', email: 'ADA@EXAMPLE.ORG'});
CREATE (:MPerson {id: 2, name: 'Grace Hopper', email: 'grace@example.org'})
