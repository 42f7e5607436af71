import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { Defender } from './defender.entity';
import { DefendersService } from './defenders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Defender]), AccessModule],
  providers: [DefendersService],
  exports: [DefendersService],
})
export class DefendersModule {}
