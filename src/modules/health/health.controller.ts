import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Allow, Public } from '../../common/auth/allow.decorator.js';

@Controller('health')
@Allow(Public)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** Alive: the process answers. */
  @Get()
  @HealthCheck()
  alive() {
    return this.health.check([]);
  }

  /** Ready: the database answers within a second (503 otherwise). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1000 })]);
  }
}
