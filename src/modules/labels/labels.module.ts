import { Module } from '@nestjs/common';
import { LabelsResolver } from './labels.resolver.js';

/** The words for the schema's enum values, in Indonesian or English. */
@Module({ providers: [LabelsResolver] })
export class LabelsModule {}
