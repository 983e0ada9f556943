// Emails are unique: the constraint needs its range index first.
CREATE INDEX FOR (p:MPerson) ON (p.email);
GRAPH.CONSTRAINT CREATE UNIQUE NODE MPerson PROPERTIES 1 email
