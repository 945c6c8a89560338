# syntax=docker/dockerfile:1
# ReviewBot as a GitHub App: `reviewbot serve` on port 8080, state in the /data volume.
#   docker build -t reviewbot .
#   docker run -p 8080:8080 -v reviewbot-data:/data -v /path/app.pem:/run/secrets/app.pem:ro \
#     -e GitHub__AppId=123456 -e GitHub__PrivateKeyPath=/run/secrets/app.pem -e GitHub__WebhookSecret=... reviewbot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# ReadyToRun, as every publish for a runtime is (src/ReviewBot/ReviewBot.csproj): precompiled code starts faster
# (measured, issue 28: 300 Python files 1.75 s -> 1.41 s, one file 0.45 s -> 0.33 s).
RUN dotnet publish src/ReviewBot/ReviewBot.csproj -c Release -r linux-x64 --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ReviewBot__DataDir=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
EXPOSE 8080
# The image's non-root user (uid 1654), never root.
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "reviewbot.dll", "serve"]
