import { runInNewContext } from 'node:vm';
import { Prisma } from '@prisma/client';
import { ErrorCode } from './error-code';
import { AllExceptionsFilter } from './all-exceptions.filter';

describe(AllExceptionsFilter.name, () => {
  const filter = new AllExceptionsFilter();

  it('answers 503 database_busy, not 500, when a transaction cannot start in time on a busy machine', () => {
    // the error Prisma raised for GET /reach while the suite ran with the cores oversubscribed
    const busy = new Prisma.PrismaClientKnownRequestError('Transaction API error: Unable to start a transaction in the given time.', { code: 'P2028', clientVersion: '6.19.3' });
    const [status, body] = filter.toResponse(busy);
    expect(status).toBe(503);
    expect(body.error.code).toBe(ErrorCode.DatabaseBusy);
    expect(body.error.message).toMatch(/nothing was changed, retry/);
  });

  it('answers 503 for a refused database connection raised in another realm (Node core errors under a VM context)', () => {
    // what the pg pool threw while PostgreSQL restarted, as Jest's test environment sees it: not `instanceof Error`
    const refused = runInNewContext(`Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:35869'), { code: 'ECONNREFUSED' })`) as unknown;
    expect(refused instanceof Error).toBe(false);
    const [status, body] = filter.toResponse(refused);
    expect(status).toBe(503);
    expect(body.error.code).toBe(ErrorCode.ServiceUnavailable);
  });

  it('keeps a bug a 500', () => {
    const [status, body] = filter.toResponse(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(status).toBe(500);
    expect(body.error.code).toBe(ErrorCode.Internal);
  });
});
