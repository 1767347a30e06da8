import { Module } from '@nestjs/common';
import { DemoGateway } from './demo-settings.js';

/** Provides {@link DemoGateway} to the AliExpress module's async factory and to the controllers. */
@Module({ providers: [DemoGateway], exports: [DemoGateway] })
export class DemoSettingsModule {}
