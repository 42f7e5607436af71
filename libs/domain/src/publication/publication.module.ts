import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefendersModule } from '../defenders';
import { DocumentsModule } from '../documents';
import { PublicFeed } from './public-feed.service';
import { PublicPhotoService } from './public-photo.service';
import { Publication } from './publication.entity';
import { PublicationService } from './publication.service';
import { PublicationWithdrawalModule } from './publication-withdrawal';

/** Needs the global StorageModule (platform), through DocumentsModule, for photo documents. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Publication]),
    DefendersModule,
    DocumentsModule,
    PublicationWithdrawalModule,
  ],
  providers: [PublicationService, PublicFeed, PublicPhotoService],
  exports: [PublicationService, PublicPhotoService, PublicationWithdrawalModule],
})
export class PublicationModule {}
