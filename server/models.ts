// Every mongoose model, imported once so their indexes are built at connect time.
import './accounts/model.js';
import './audit/model.js';
import './web/session-model.js';
import './candidates/model.js';
import './employers/model.js';
import './facilities/model.js';
import './outbox/model.js';
import './system/model.js';
import './users/model.js';
import './vacancies/model.js';
import './placements/model.js';
