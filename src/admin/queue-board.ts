// Bull Board at /admin/queues: the BullMQ queues, for admins only, with every asset served from this server.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Role } from '../auth/role';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { QueueName } from '../queue/queue.constants';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** The board's page links a web font from fonts.googleapis.com; an admin page of this tool fetches nothing from outside. */
const stripExternal = (html: string) => html.replace(/<link[^>]+href="https?:\/\/[^"]*"[^>]*>/g, '');
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function mountQueueBoard(app: INestApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter: board,
  });
  // the board's API errors in the same JSON shape and status as the rest (e.g. 503 while Redis is down)
  const errors = new AllExceptionsFilter();
  board.setErrorHandler((err: Error) => {
    const [status, body] = errors.toResponse(err);
    return { status: status as 500, body: body as never };
  });
  const auth = app.get(AuthService);
  app.use(QUEUE_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    adminOnly(auth, req.headers.authorization)
      .then(() => {
        res.setHeader('Content-Security-Policy', CSP);
        const render = res.render.bind(res);
        res.render = ((view: string, options?: object) =>
          render(view, options ?? {}, (err: Error | null, html: string) => (err ? next(err) : res.type('html').send(stripExternal(html))))) as Response['render'];
        next();
      })
      .catch((e: unknown) => {
        const error = e instanceof AppException ? e : new AppException(ErrorCode.Unauthorized, 'Authentication failed');
        const status = error.code === ErrorCode.Forbidden ? 403 : 401;
        if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Tocsin queues", charset="UTF-8"');
        res.status(status).json({ error: { code: error.code, message: error.message } });
      });
  }, board.getRouter());
}

/**
 * An admin API key, as `Authorization: Bearer <key>` (scripts) or HTTP Basic with the key as the password
 * and any user name (a browser's login prompt).
 */
async function adminOnly(auth: AuthService, authorization: string | undefined): Promise<void> {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  const header = basic ? `Bearer ${Buffer.from(basic[1], 'base64').toString('utf8').replace(/^[^:]*:/, '')}` : authorization;
  const actor = await auth.authenticate(header);
  if (actor.role !== Role.admin) throw new AppException(ErrorCode.Forbidden, `The queue board needs an admin key; your key has '${actor.role}'`);
}
