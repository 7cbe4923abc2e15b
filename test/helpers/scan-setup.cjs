module.exports = require('./scan-summary.cjs').setup;
