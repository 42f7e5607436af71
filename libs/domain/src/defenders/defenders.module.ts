import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Defender } from './defender.entity';
import { DefendersService } from './defenders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Defender])],
  providers: [DefendersService],
  exports: [DefendersService],
})
export class DefendersModule {}
