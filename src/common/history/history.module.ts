import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HistoryEntryEntity } from './history-entry.entity.js';
import { HistoryService } from './history.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([HistoryEntryEntity])],
  providers: [HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
