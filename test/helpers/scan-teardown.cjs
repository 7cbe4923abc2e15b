module.exports = require('./scan-summary.cjs').teardown;
