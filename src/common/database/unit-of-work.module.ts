import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HistoryEntryEntity } from '../history/history-entry.entity.js';
import { HistoryService } from '../history/history.service.js';
import { UnitOfWork } from './unit-of-work.js';

/** Every feature writes through the one UnitOfWork (transactions, versions, history, events). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([HistoryEntryEntity])],
  providers: [HistoryService, UnitOfWork],
  exports: [UnitOfWork],
})
export class UnitOfWorkModule {}
