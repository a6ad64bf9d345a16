// Every mongoose model, imported once so their indexes are built at connect time.
import './outbox/model.js';
import './system/model.js';
import './users/model.js';
