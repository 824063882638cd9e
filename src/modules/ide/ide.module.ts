import { Module } from '@nestjs/common';
import { IdeController } from './ide.controller.js';

@Module({ controllers: [IdeController] })
export class IdeModule {}
