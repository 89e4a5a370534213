import { setPasswordHashCost } from '@adt/db';

// These tests create users and sign in by the hundred; at the production scrypt cost each hash
// takes ~100 ms of CPU (far more on a loaded CI machine). Hashes name their cost, so nothing else changes.
setPasswordHashCost(10);
