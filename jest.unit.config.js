/** Unit specs only (pure logic beside the code): no database, no Redis. `npm run test:unit` */
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['<rootDir>/src/**/*.spec.ts'], globalSetup: undefined, globalTeardown: undefined };
