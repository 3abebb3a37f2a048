-- Shipping inserts every answered decision into audit_chain_record, and each index there is one more B-tree
-- written per record (a profile under load put a third of the server's CPU in shipping). The index by policy
-- version serves only the search filter `policyVersion`, which narrows a page already read in time order (the
-- time index): that filter scans further without it, every other search and export is unchanged, and every
-- decision is cheaper to ship. Plain SQL for H2 and PostgreSQL.
drop index audit_chain_record_by_policy;
