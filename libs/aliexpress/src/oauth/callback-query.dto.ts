import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

/** The query string AliExpress sends to the callback; validated before anything else happens. */
export class CallbackQueryDto {
  @IsOptional()
  @IsString()
  @Length(1, 512)
  @Matches(/^[A-Za-z0-9_\-.~]+$/, {
    message: 'code has characters an authorization code never has',
  })
  code?: string;

  @IsOptional()
  @IsString()
  // nonce, expiry and HMAC, plus up to 683 characters of base64url returnTo (512 characters)
  @Length(1, 1024)
  @Matches(/^[A-Za-z0-9_\-.]+$/, { message: 'state is not in the format this app issues' })
  state?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z_]+$/, { message: 'error must be an OAuth error code such as access_denied' })
  error?: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  error_description?: string;
}
