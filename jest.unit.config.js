module.exports = require('./jest.layers')('unit');
