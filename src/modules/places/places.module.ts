import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlaceEntity } from './place.entity.js';
import { PlaceLoader } from './place.loader.js';
import { PlacesResolver } from './places.resolver.js';
import { PlacesService } from './places.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PlaceEntity])],
  providers: [PlacesService, PlaceLoader, PlacesResolver],
  exports: [PlacesService, PlaceLoader],
})
export class PlacesModule {}
