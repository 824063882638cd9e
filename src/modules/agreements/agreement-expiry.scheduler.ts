import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AgreementsService } from './agreements.service.js';

/** Notes expired agreements in the history at start-up and then every EXPIRY_SWEEP_MINUTES (0: never). */
@Injectable()
export class AgreementExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgreementExpiry');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly agreements: AgreementsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.expirySweepMinutes;
    if (minutes <= 0) return;
    this.timer = setInterval(() => this.sweep(), minutes * 60_000).unref();
    setImmediate(() => this.sweep());
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): void {
    this.running = this.agreements
      .recordExpiries(RequestContext.system('Mitra'))
      .then((n) => n && this.logger.log(`Noted ${n} expired agreement(s) in the history`))
      .catch((err: unknown) => this.logger.warn(`Expiry sweep failed: ${(err as Error).message}`));
  }
}
