-- Uploaded by `dhow accessory boot postgres` and run by the postgres image on first start.
CREATE DATABASE newsroom_cache;
CREATE DATABASE newsroom_queue;
