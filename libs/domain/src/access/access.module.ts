import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefenderAssignee } from './defender-assignee.entity';
import { AccessService } from './access.service';

@Module({
  imports: [TypeOrmModule.forFeature([DefenderAssignee])],
  providers: [AccessService],
  exports: [AccessService],
})
export class AccessModule {}
