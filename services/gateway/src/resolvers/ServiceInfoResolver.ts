import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Public } from '../authorization/declaration.js';

/** What this gateway is; lets clients and probes check they reach Gatehouse. */
@ObjectType({ description: 'The Gatehouse gateway answering this request', simpleResolvers: true })
export class ServiceInfo {
  @Field(() => String, { description: 'Always `gatehouse-gateway`' })
  name!: string;

  @Field(() => String)
  version!: string;

  @Field(() => Date, { description: 'When this process started' })
  startedAt!: Date;
}

/** Resolves `serviceInfo`, the one query that needs no authentication. */
@Resolver()
export class ServiceInfoResolver {
  private static readonly startedAt = new Date();

  @Query(() => ServiceInfo)
  @Public('lets clients and probes check they reach Gatehouse; reveals only the name and version')
  serviceInfo(): ServiceInfo {
    return {
      name: 'gatehouse-gateway',
      version: GATEWAY_VERSION,
      startedAt: ServiceInfoResolver.startedAt,
    };
  }
}

/** The gateway's version, reported by `serviceInfo`. */
export const GATEWAY_VERSION = '0.1.0';
