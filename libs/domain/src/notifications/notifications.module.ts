import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { RemindersModule } from './reminders.module';
import { DispatchService } from './dispatch.service';
import { NotificationsService } from './notifications.service';
import { Delivery } from './delivery.entity';
import { NotificationPreferences } from './notification-preferences.entity';
import { Notification } from './notification.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Delivery, Notification, NotificationPreferences]),
    RemindersModule,
    AccessModule,
  ],
  providers: [DispatchService, NotificationsService],
  exports: [DispatchService, NotificationsService],
})
export class NotificationsModule {}
